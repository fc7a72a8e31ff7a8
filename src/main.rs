fn main() -> std::process::ExitCode {
    warraq::cli::main()
}
