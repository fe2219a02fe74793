{{range .}}
================================================================================
{{.Name}} {{.Version}}
{{if .LicensePath}}License: {{if eq .LicenseName "Unknown"}}see the text below{{else}}{{.LicenseName}}{{end}}
--------------------------------------------------------------------------------

{{.LicenseText}}{{else}}License: see the text below
--------------------------------------------------------------------------------

@@LICENSE-FILES {{.Name}}@@
{{end}}
{{end}}
