package cli

import (
	"flag"
	"fmt"
	"runtime/debug"
)

// version is Keel's version, set when a package is built:
//
//	go build -ldflags "-X keel/model/cli.version=0.1.0"
//
// The Makefile takes it from FyneApp.toml, so the packages, the window and
// keel --version all say the same; go version -m shows the flag among the build
// settings.
var version string

// Version is Keel's version: the one the build was given (see version), else the
// main module's version from the build information (set when Keel was built with
// go install keel@VERSION, or from a tagged checkout), else "devel".
func Version() string {
	if version != "" {
		return version
	}
	return moduleVersion(debug.ReadBuildInfo())
}

func moduleVersion(info *debug.BuildInfo, ok bool) string {
	if !ok || info.Main.Version == "" || info.Main.Version == "(devel)" {
		return "devel"
	}
	return info.Main.Version
}

var versionCommand = &Command{
	Name: "version", Args: "",
	Summary: "print Keel's version (also keel --version)",
	define: func(fs *flag.FlagSet, c *context) func([]string) int {
		return func(args []string) int {
			if len(args) > 0 {
				return c.usage("version takes no arguments")
			}
			printVersion(c.env)
			return 0
		}
	},
}

func printVersion(env Env) { fmt.Fprintf(env.Stdout, "keel %s\n", Version()) }
