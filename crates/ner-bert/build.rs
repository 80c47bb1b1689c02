//! With the `bert` feature, torch-sys tells us where libtorch is (`links = "tch"` metadata):
//! record it as an rpath so this crate's tests, examples and benches run without
//! `LD_LIBRARY_PATH`. Without the feature there is nothing to do.

fn main() {
    println!("cargo:rerun-if-env-changed=DEP_TCH_LIBTORCH_LIB");
    if let Ok(dir) = std::env::var("DEP_TCH_LIBTORCH_LIB") {
        if std::env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os != "windows") {
            println!("cargo:rustc-link-arg=-Wl,-rpath,{dir}");
        }
    }
}
