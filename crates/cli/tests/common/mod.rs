//! Test support: the `connectspec` binary run with arguments, standard input and
//! environment, and fake format-true tokens.
#![allow(dead_code)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

pub const TOKEN: &str = "Kq7ZpR2mXv9LcT4nWb8YhJ3sDf6Gk1Na5Ue0OiPz";

pub const SHORT: &str = "3f9c2a7e-41bd-4c0a-9e6f-2b8d51c7a0e4f1b";

/// The binary with `args` and `env`, every stream piped, started.
fn spawn(args: &[&str], env: &[(&str, &str)]) -> std::process::Child {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_connectspec"));
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.spawn().expect("binary runs")
}

/// Runs to the end with `stdin` (if any) on standard input.
pub fn run(args: &[&str], stdin: Option<&str>, env: &[(&str, &str)]) -> Output {
    let mut child = spawn(args, env);
    let mut input = child.stdin.take().unwrap();
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).unwrap();
    }
    drop(input);
    child.wait_with_output().unwrap()
}

/// Runs with raw bytes on standard input, for commands that must end by themselves
/// (a `serve` whose configuration is refused): killed after 20 s, so that a mistake
/// fails the test instead of hanging it.
pub fn run_bounded(args: &[&str], stdin: &[u8], env: &[(&str, &str)]) -> Output {
    let mut child = spawn(args, env);
    let mut input = child.stdin.take().unwrap();
    // The command may end before reading it all.
    let _ = input.write_all(stdin);
    drop(input);
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(20) {
            let _ = child.kill();
            panic!("{args:?} did not end by itself");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// Standard output then standard error, as text.
pub fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}
