//! cadre: a keyboard-driven terminal application for running a reserve-cadre (后备干部)
//! development pipeline. Layers, one way only: domain ← store ← service ← io, demo, cli.

pub mod cli;
pub mod client;
pub mod demo;
pub mod domain;

pub mod io;
pub mod locale;
pub mod notify;
pub mod report;
pub mod server;
pub mod service;
pub mod store;
pub mod tui;
pub mod wire;
