//! The static rules, one file each. Adding a rule: write the file, add it to
//! [`all`]; its id must be new and its doc must have the four parts.

mod parse_error;

use crate::rule::Rule;

/// Every static (config) rule, in the order `mcpward rules` lists them.
pub fn all() -> Vec<&'static dyn Rule> {
    vec![&parse_error::ParseError]
}
