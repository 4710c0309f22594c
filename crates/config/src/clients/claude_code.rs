//! TODO-CLIENT
use super::Extractor;
use crate::node::Node;

pub(super) fn extract(_x: &mut Extractor, _root: &Node) {}
