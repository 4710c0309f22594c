//! Find and parse every MCP client's configuration into one model.
//!
//! - [`node`]: the located document tree every parser produces.
//! - [`parse`]: JSON/JSONC/JSON5, TOML and YAML into that tree.
//! - [`clients`]: per-client extraction into [`ServerEntry`] values.
//! - [`vars`]: variable references (`${VAR}`, `${input:id}`…), which are not literals.

pub mod clients;
pub mod model;
pub mod node;
pub mod parse;
pub mod vars;

pub use model::{Client, ClientSetting, ConfigFile, ParseProblem, Scope, ServerEntry, Text, Transport, TrustSettings};
pub use node::{Located, Node, NodeKind, Pos};
pub use parse::{Format, ParseError};
pub mod discover;
pub mod load;

pub use discover::{discover, discover_paths, DiscoverOptions, Discovered, Location};
pub use load::load_file;
