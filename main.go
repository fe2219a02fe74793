// Keel is a private desktop companion for people in ketamine therapy.
//
//	keel [--data DIR]       open the window
//	keel COMMAND [flags]    work on the data without it (keel help lists them)
//
// Without --data, Keel uses its per-user data folder (see cli.DefaultDataDir).
package main

import (
	"os"

	"keel/model/cli"
	"keel/ui"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], cli.Env{
		Stdin:  os.Stdin,
		Stdout: os.Stdout,
		Stderr: os.Stderr,
		Window: ui.Run,
	}))
}
