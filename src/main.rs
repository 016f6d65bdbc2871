//! The `claimcheck` command; everything it does lives in the library's `cli` module.

fn main() -> std::process::ExitCode {
    claimcheck::cli::main()
}
