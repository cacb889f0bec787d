fn main() {
    std::process::exit(cadre::cli::main())
}
