//! The static rules, one file each. Adding a rule: write the file, add it to
//! [`all`]; its id must be new and its doc must have the four parts.

mod auto_approve;
mod config_permissions;
mod exec_capability;
mod filesystem_scope;
pub mod hardcoded_secret;
mod insecure_transport;
mod parse_error;
mod read_only_available;
mod secret_in_git;
mod toxic_flow;
mod unpinned_package;
mod untrusted_publisher;

use crate::rule::Rule;

/// Every static (config) rule, in the order `mcpward rules` lists them.
pub fn all() -> Vec<&'static dyn Rule> {
    vec![
        &parse_error::ParseError,
        &filesystem_scope::FilesystemScope,
        &hardcoded_secret::HardcodedSecret,
        &secret_in_git::SecretInGit,
        &config_permissions::ConfigPermissions,
        &insecure_transport::InsecureTransport,
        &auto_approve::AutoApprove,
        &unpinned_package::UnpinnedPackage,
        &untrusted_publisher::UntrustedPublisher,
        &exec_capability::ExecCapability,
        &read_only_available::ReadOnlyAvailable,
        &toxic_flow::ToxicFlow,
    ]
}
