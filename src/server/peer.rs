//! Who is at the other end of a Unix socket, as the kernel says (SO_PEERCRED): nothing a
//! client sends can name another operator.

use std::os::fd::AsRawFd;
use std::os::unix::net::UnixStream;

/// The peer's process id and user id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Peer {
    pub pid: i32,
    pub uid: u32,
}

/// The credentials of the process that connected `stream`.
pub fn peer(stream: &UnixStream) -> std::io::Result<Peer> {
    let mut cred = libc::ucred { pid: 0, uid: 0, gid: 0 };
    let mut len = std::mem::size_of::<libc::ucred>() as libc::socklen_t;
    // SAFETY: getsockopt writes at most `len` bytes into `cred`, a ucred we own; the fd is
    // the stream's, open for the whole call.
    let rc = unsafe {
        libc::getsockopt(
            stream.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_PEERCRED,
            (&mut cred as *mut libc::ucred).cast(),
            &mut len,
        )
    };
    if rc != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(Peer { pid: cred.pid, uid: cred.uid })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_peer_of_our_own_socket_is_us() {
        let (a, _b) = std::os::unix::net::UnixStream::pair().unwrap();
        let p = super::peer(&a).unwrap();
        assert_eq!(p.pid, std::process::id() as i32);
        // SAFETY: geteuid cannot fail.
        assert_eq!(p.uid, unsafe { libc::geteuid() });
    }
}
