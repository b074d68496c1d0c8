import Foundation
import PACTCommands

HeapTuning.apply()
// `pact` with no arguments opens the dashboard on the built-in sample scenario.
let status = CommandLineInterface.run(Array(CommandLine.arguments.dropFirst()))
exit(status)
