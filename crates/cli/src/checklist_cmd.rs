//! `mcpward checklist [SERVER]`.

use crate::args::ChecklistArgs;
use crate::{CliError, Outcome};

pub fn run(_args: &ChecklistArgs) -> Result<Outcome, CliError> {
    Err(CliError::Runtime("checklist: not wired yet".into()))
}
