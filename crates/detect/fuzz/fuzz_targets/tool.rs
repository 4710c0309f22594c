//! `injection::scan_tool` on a hostile tool definition (any JSON): no panic, bounded
//! walk, every field's verdict consistent, and the combined verdict flagged exactly
//! when its level says so. Input that is not JSON is scanned as a tool whose
//! description is that text, so the schema walk and the phrase engine both get fed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mcpward_detect::injection::{scan_tool, Level, MAX_FIELDS};
use serde_json::{json, Value};

fuzz_target!(|data: &[u8]| {
    let tool: Value = serde_json::from_slice(data).unwrap_or_else(|_| {
        let text = String::from_utf8_lossy(data);
        json!({"name": "t", "description": text, "inputSchema": {"type": "object", "properties": {
            "p": {"type": "string", "description": text, "default": text, "pattern": text}}}})
    });
    let scan = scan_tool(&tool);
    assert!(scan.scanned <= MAX_FIELDS);
    for f in &scan.fields {
        assert!(!f.verdict.signals.is_empty());
        assert!(f.verdict.score.is_finite() && (0.0..=1.0).contains(&f.verdict.score));
        for s in &f.verdict.signals {
            assert!(s.weight.is_finite() && (0.0..=1.0).contains(&s.weight), "{s:?}");
            assert!(s.span.start <= s.span.end, "{s:?}");
        }
    }
    assert_eq!(scan.flagged(), scan.verdict.level >= Level::Suspicious);
});
