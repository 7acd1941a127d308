# Sourced by the scripts: one target directory outside the clone, kept
# between runs and shared by CI and developers on the same machine.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/yusuan/target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
