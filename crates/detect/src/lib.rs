//! Pure detection functions: no I/O, no network, no global state.
//!
//! `secrets` finds credentials in text and in named values (env vars, headers),
//! redacts them and fingerprints them with a caller-provided key.

pub mod capability;
pub mod hidden;
pub mod injection;
pub mod learned;
pub mod neutralize;
pub mod normalize;
pub mod secrets;
pub mod verdict;
