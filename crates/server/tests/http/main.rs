//! Integration tests over real HTTP: each test starts the server in-process
//! on 127.0.0.1 port 0, with a manual clock, and talks to it with reqwest.

mod approvals;
mod assertions;
mod binary;
mod common;
mod cors;
mod dev;
mod errors;
mod limits;
mod remember;
mod secrecy;
mod sessions;
mod start;
mod static_files;
mod texts;
mod totp;
mod window;
