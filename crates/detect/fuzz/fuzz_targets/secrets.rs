//! `secrets::scan_text` and `secrets::scan_named_value` on arbitrary text: no panic, every
//! match in bounds and on char boundaries, redaction never shows the matched secret.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use mcpward_detect::secrets;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let found = secrets::scan_text(&text);
    common::check_secrets(&text, &found);

    // A value stored under a name: the first line is the name, the rest the value.
    let (name, value) = text.split_once('\n').unwrap_or(("API_TOKEN", &text));
    let found = secrets::scan_named_value(name, value);
    common::check_secrets(value, &found);
    let _ = secrets::is_placeholder(value);
});
