package main

import (
	"fmt"
	"runtime/debug"
	"strings"
)

// runVersion prints what tradedocs was built from, as the Go toolchain
// recorded it in the binary.
func runVersion(e *env, args []string) error {
	fs := flags(e, "version")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	info, _ := debug.ReadBuildInfo() // nil when built without module support: versionLine says "unknown"
	fmt.Fprintln(e.stdout, versionLine(info))
	return nil
}

// versionLine says which tradedocs a binary is:
//
//	tradedocs v1.2.0 (go1.26.0)                          installed with go install …@v1.2.0
//	tradedocs (devel) 3f2a9c1d7e0b 2026-12-01T14:00:00Z (go1.26.0)  built in a checkout
//	tradedocs (devel) 3f2a9c1d7e0b+dirty … (go1.26.0)              … with uncommitted changes
func versionLine(info *debug.BuildInfo) string {
	if info == nil {
		return "tradedocs unknown (built without module information)"
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	parts := []string{"tradedocs", v}
	var rev, when string
	dirty := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		if dirty {
			rev += "+dirty"
		}
		parts = append(parts, rev)
	}
	if when != "" {
		parts = append(parts, when)
	}
	return strings.Join(parts, " ") + " (" + info.GoVersion + ")"
}
