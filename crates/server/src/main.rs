//! `twostep-server`: the HTTP server comes in the next commit.

fn main() {}
