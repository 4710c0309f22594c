//! `neutralize` in both modes: no panic, output free of hidden content, removal
//! idempotent, text without hidden content returned untouched (and borrowed).
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    common::check_neutralize(&text);
});
