//! With the `bert` feature, record libtorch's directory (from torch-sys's `links` metadata) as an
//! rpath, so the `newsquotes` binary runs without `LD_LIBRARY_PATH`. Nothing otherwise.

fn main() {
    println!("cargo:rerun-if-env-changed=DEP_TCH_LIBTORCH_LIB");
    if let Ok(dir) = std::env::var("DEP_TCH_LIBTORCH_LIB") {
        if std::env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os != "windows") {
            println!("cargo:rustc-link-arg-bins=-Wl,-rpath,{dir}");
        }
    }
}
