// Package docs holds no code: its tests keep the project's written rules
// (docs/rules/*.md) and the code that cites them in step. Every rule id a
// Go file cites, such as M-4 or W-ZH, must be defined by a heading in
// docs/rules, in the file for its area.
package docs
