#pragma once
// The whole command line, callable in-process (main.cc and the command tests).

namespace attain::ctl {

// Parses argv, runs the chosen command and returns the exit status: 0 ok, 1 the command
// failed (reason on stderr), 2 bad usage.
int RunCommandLine(int argc, const char* const* argv);

}  // namespace attain::ctl
