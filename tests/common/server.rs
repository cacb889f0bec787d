//! A `cadre serve` started by a test, on a socket in a directory every user can reach
//! (standing in for the group-owned runtime directory of the shared set-up).
#![allow(dead_code)]

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

pub struct Server {
    pub child: Child,
    pub db: PathBuf,
    pub socket: PathBuf,
}

/// Whether the tests run as root (and can act as other OS users).
pub fn root() -> bool {
    // SAFETY: geteuid cannot fail.
    unsafe { libc::geteuid() == 0 }
}

impl Server {
    /// Starts a server on `db` with its socket in `dir`, and waits until it answers.
    pub fn start(db: &Path, dir: &Path) -> Server {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        let socket = dir.join("cadre.sock");
        let child = Command::new(env!("CARGO_BIN_EXE_cadre"))
            .arg("--db")
            .arg(db)
            .arg("--socket")
            .arg(&socket)
            .arg("serve")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start cadre serve");
        let server = Server { child, db: db.to_path_buf(), socket };
        let start = Instant::now();
        while !server.client(&["status"]).status.success() {
            assert!(start.elapsed() < Duration::from_secs(20), "the server never answered");
            std::thread::sleep(Duration::from_millis(30));
        }
        // other users reach it as members of the socket's group would
        std::fs::set_permissions(&server.socket, std::fs::Permissions::from_mode(0o666)).unwrap();
        server
    }

    /// `cadre --socket S args…` as the test's own user.
    pub fn client(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_cadre"))
            .arg("--socket")
            .arg(&self.socket)
            .args(args)
            .output()
            .unwrap()
    }

    /// Runs and asserts success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.client(args);
        assert!(out.status.success(), "cadre {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    /// `cadre --socket S args…` as another OS user (the tests must run as root).
    pub fn client_as(&self, user: &str, args: &[&str]) -> Output {
        Command::new("runuser")
            .args(["-u", user, "--", env!("CARGO_BIN_EXE_cadre"), "--socket"])
            .arg(&self.socket)
            .args(args)
            .output()
            .unwrap()
    }

    pub fn kill(mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }

    /// SIGTERM, then the exit status.
    pub fn term(mut self) -> std::process::ExitStatus {
        // SAFETY: signalling our own child.
        unsafe { libc::kill(self.child.id() as i32, libc::SIGTERM) };
        self.child.wait().unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}
