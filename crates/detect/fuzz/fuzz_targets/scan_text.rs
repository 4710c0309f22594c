//! The full scan of one text, as the proxy runs it on a tool result: secrets, injection
//! (which includes hidden content), then neutralisation of what goes on to the model.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use mcpward_detect::{injection, secrets};

fuzz_target!(|data: &[u8]| {
    let (ctx, text) = common::split(data);
    let found = secrets::scan_text(&text);
    common::check_secrets(&text, &found);
    let verdict = injection::scan(&text, ctx);
    common::check_verdict(&text, &verdict, &found);
    common::check_neutralize(&text);
});
