//! The `cadre` binary: hands over to the command line.

fn main() {
    std::process::exit(cadre::cli::main())
}
