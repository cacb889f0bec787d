//! Who is asking: the OS user of this process, or of a socket's peer, by uid. Fails closed:
//! a uid without a passwd entry is nobody, whatever `$USER` says.

use super::{ServiceError, ServiceResult};
use crate::domain::msg::Msg;

/// The OS user running this process: the operator of every command it sends.
pub fn os_user() -> ServiceResult<String> {
    // SAFETY: geteuid cannot fail.
    let uid = unsafe { libc::geteuid() };
    user_name(uid).ok_or_else(|| ServiceError::denied(Msg::NoUserName { uid }))
}

/// The user name of `uid` from the passwd database, if it has one.
pub fn user_name(uid: u32) -> Option<String> {
    let mut buf = vec![0 as libc::c_char; 4096];
    // SAFETY: getpwuid_r writes into `pwd` and `buf`, both owned here and large enough
    // (an ERANGE answer is taken as no name); `result` points into them or is null.
    unsafe {
        let mut pwd: libc::passwd = std::mem::zeroed();
        let mut result: *mut libc::passwd = std::ptr::null_mut();
        let rc = libc::getpwuid_r(uid, &mut pwd, buf.as_mut_ptr(), buf.len(), &mut result);
        if rc != 0 || result.is_null() || pwd.pw_name.is_null() {
            return None;
        }
        std::ffi::CStr::from_ptr(pwd.pw_name).to_str().ok().filter(|n| !n.is_empty()).map(str::to_string)
    }
}
