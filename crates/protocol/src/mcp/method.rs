//! MCP method names.

/// The MCP methods this crate knows by name; everything else is `Other`.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum Method {
    Initialize,
    Initialized,
    Ping,
    ServerDiscover,
    ToolsList,
    ToolsCall,
    ResourcesList,
    ResourcesTemplatesList,
    ResourcesRead,
    ResourcesSubscribe,
    ResourcesUnsubscribe,
    PromptsList,
    PromptsGet,
    CompletionComplete,
    LoggingSetLevel,
    SubscriptionsListen,
    RootsList,
    SamplingCreateMessage,
    ElicitationCreate,
    Cancelled,
    Progress,
    LogMessage,
    ToolsListChanged,
    ResourcesListChanged,
    ResourcesUpdated,
    PromptsListChanged,
    RootsListChanged,
    Other(String),
}

const NAMES: &[(&str, Method)] = &[
    ("initialize", Method::Initialize),
    ("notifications/initialized", Method::Initialized),
    ("ping", Method::Ping),
    ("server/discover", Method::ServerDiscover),
    ("tools/list", Method::ToolsList),
    ("tools/call", Method::ToolsCall),
    ("resources/list", Method::ResourcesList),
    ("resources/templates/list", Method::ResourcesTemplatesList),
    ("resources/read", Method::ResourcesRead),
    ("resources/subscribe", Method::ResourcesSubscribe),
    ("resources/unsubscribe", Method::ResourcesUnsubscribe),
    ("prompts/list", Method::PromptsList),
    ("prompts/get", Method::PromptsGet),
    ("completion/complete", Method::CompletionComplete),
    ("logging/setLevel", Method::LoggingSetLevel),
    ("subscriptions/listen", Method::SubscriptionsListen),
    ("roots/list", Method::RootsList),
    ("sampling/createMessage", Method::SamplingCreateMessage),
    ("elicitation/create", Method::ElicitationCreate),
    ("notifications/cancelled", Method::Cancelled),
    ("notifications/progress", Method::Progress),
    ("notifications/message", Method::LogMessage),
    ("notifications/tools/list_changed", Method::ToolsListChanged),
    ("notifications/resources/list_changed", Method::ResourcesListChanged),
    ("notifications/resources/updated", Method::ResourcesUpdated),
    ("notifications/prompts/list_changed", Method::PromptsListChanged),
    ("notifications/roots/list_changed", Method::RootsListChanged),
];

impl Method {
    pub fn parse(name: &str) -> Method {
        NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, m)| m.clone())
            .unwrap_or_else(|| Method::Other(name.to_string()))
    }

    pub fn as_str(&self) -> &str {
        if let Method::Other(s) = self {
            return s;
        }
        NAMES.iter().find(|(_, m)| m == self).map_or("", |(n, _)| n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for (name, m) in NAMES {
            assert_eq!(&Method::parse(name), m);
            assert_eq!(m.as_str(), *name);
        }
        assert_eq!(Method::parse("x/y"), Method::Other("x/y".into()));
        assert_eq!(Method::parse("x/y").as_str(), "x/y");
    }
}
