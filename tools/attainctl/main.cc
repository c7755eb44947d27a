// attainctl: command-line client of the Attain gateway (see app.h for the exit statuses).
#include "tools/attainctl/app.h"

int main(int argc, char** argv) { return attain::ctl::RunCommandLine(argc, argv); }
