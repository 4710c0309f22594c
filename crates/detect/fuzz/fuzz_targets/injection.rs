//! `injection::scan` in the context chosen by the first byte: no panic, score and level
//! consistent, every span in bounds and on char boundaries, no raw secret in evidence.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use mcpward_detect::{hidden, injection, secrets};

fuzz_target!(|data: &[u8]| {
    let (ctx, text) = common::split(data);
    let verdict = injection::scan(&text, ctx);
    common::check_verdict(&text, &verdict, &secrets::scan_text(&text));
    common::check_hidden(&text, &hidden::scan(&text));
    common::check_normalize(&text);
});
