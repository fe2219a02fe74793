package assets

import "embed"

// notices holds THIRD-PARTY-NOTICES.txt when the build is a package's (the
// packaging script writes it into assets/notices first); other builds have only
// the folder's README.
//
//go:embed notices
var notices embed.FS

// noticesMissing is what Notices says in a build made without the notices.
const noticesMissing = `Keel is under the MIT License (the LICENSE file).

This copy of Keel was built from source without its third-party notices. The
packages (make package) carry them: THIRD-PARTY-NOTICES.txt lists every Go module
in the program with its licence, and the licences of the fonts it contains.`

// Notices is the text of the third-party notices of this build: every module in
// the program with its licence, and the fonts' licences (the SIL Open Font License
// of Liberation, used by the PDF report, and of the fonts Fyne bundles). In a build
// made without them (go build, make run) it says where they are instead.
func Notices() string {
	text, err := notices.ReadFile("notices/THIRD-PARTY-NOTICES.txt")
	if err != nil {
		return noticesMissing
	}
	return string(text)
}

// HasNotices reports whether this build carries its third-party notices.
func HasNotices() bool {
	_, err := notices.ReadFile("notices/THIRD-PARTY-NOTICES.txt")
	return err == nil
}
