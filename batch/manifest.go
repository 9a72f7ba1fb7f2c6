package batch

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io/fs"
	"os"
	"sort"
)

// ManifestName is the file in the output folder that lists every document
// issued there, with its SHA-256, so an audit can prove which file was sent.
const ManifestName = "manifest.csv"

var manifestHeader = []string{"order_no", "document", "file", "sha256", "total", "currency"}

// ManifestRow is one issued file: which order, which document (PI, CI,
// memo), its file name, its SHA-256 and the order's total.
type ManifestRow struct {
	OrderNo, Document, File, SHA256, Total, Currency string
}

// UpdateManifest merges rows into the manifest at path: a row for a file
// already listed replaces it (the file was re-issued with --force), other
// rows are kept, so one folder can receive several runs. The manifest is
// written atomically, sorted by file name.
func UpdateManifest(path string, rows []ManifestRow) error {
	byFile := map[string]ManifestRow{}
	if f, err := os.Open(path); err == nil {
		recs, rerr := csv.NewReader(f).ReadAll()
		f.Close()
		if rerr != nil {
			return rerr
		}
		for i, r := range recs {
			if i == 0 || len(r) != len(manifestHeader) {
				continue
			}
			byFile[r[2]] = ManifestRow{r[0], r[1], r[2], r[3], r[4], r[5]}
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	for _, r := range rows {
		byFile[r.File] = r
	}
	files := make([]string, 0, len(byFile))
	for f := range byFile {
		files = append(files, f)
	}
	sort.Strings(files)
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(manifestHeader)
	for _, f := range files {
		r := byFile[f]
		w.Write([]string{r.OrderNo, r.Document, r.File, r.SHA256, r.Total, r.Currency})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return WriteFile(path, buf.Bytes(), true)
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

func mkdirAll(dir string) error {
	if dir == "" {
		return nil
	}
	return os.MkdirAll(dir, 0o755)
}
