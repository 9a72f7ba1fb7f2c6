package web

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/tradedocs/tradedocs/batch"
	"github.com/tradedocs/tradedocs/invoice"
)

// Limits of one request beyond the byte limit of the whole body.
const (
	// maxFiles is the most files one request may carry.
	maxFiles = 100
	// maxZipEntries is the most entries a bundle (.zip of workbooks and
	// images) may list.
	maxZipEntries = 500
	// maxBundleUnzipped is the most a bundle may unpack to, all entries
	// together; each workbook is then held to the reader's own limits.
	maxBundleUnzipped = 160 << 20
	// maxField is the most a form field that is not a file may hold.
	maxField = 1 << 10
)

// errTooLarge is an upload beyond the server's limit (413).
var errTooLarge = errors.New("upload too large")

// upload is what one POST carried: the order files, the PNG images that
// came in bundles (by their path inside the upload, e.g.
// "orders.zip/img/logo.png") and the form's other fields.
type upload struct {
	files  []batch.Upload
	images map[string][]byte
	docs   string
}

// readUpload reads a multipart form into memory, part by part: nothing of
// the request goes to the file system. The body is already limited by
// http.MaxBytesReader.
func readUpload(r *http.Request) (*upload, error) {
	ct, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || ct != "multipart/form-data" {
		return nil, fmt.Errorf("send the order files as multipart/form-data, field \"file\"")
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, err
	}
	u := &upload{images: map[string][]byte{}}
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, bodyError(err)
		}
		switch p.FormName() {
		case "file":
			if len(u.files) >= maxFiles {
				return nil, fmt.Errorf("more than %d files in one request", maxFiles)
			}
			data, err := io.ReadAll(p)
			if err != nil {
				return nil, bodyError(err)
			}
			name := cleanName(p.FileName())
			if strings.EqualFold(path.Ext(name), ".zip") && !looksLikeWorkbook(data) {
				if err := u.addBundle(name, data); err != nil {
					return nil, err
				}
				continue
			}
			u.files = append(u.files, batch.Upload{Name: name, Data: data})
		case "docs":
			v, err := io.ReadAll(io.LimitReader(p, maxField+1))
			if err != nil {
				return nil, bodyError(err)
			}
			if len(v) > maxField {
				return nil, fmt.Errorf("field docs is too long")
			}
			u.docs = string(v)
		default:
			// Unknown fields are read and dropped.
			if _, err := io.Copy(io.Discard, p); err != nil {
				return nil, bodyError(err)
			}
		}
	}
	if len(u.files) == 0 {
		return nil, fmt.Errorf("no order file: send one or more .xlsx or .csv files in field \"file\"")
	}
	if v := r.URL.Query().Get("docs"); v != "" && u.docs == "" {
		u.docs = v
	}
	return u, nil
}

// bodyError turns the error of a body cut off at the limit into errTooLarge.
func bodyError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return errTooLarge
	}
	return err
}

// cleanName keeps the last element of the name the browser sent, without
// control characters; it only labels the problems of the file.
func cleanName(name string) string {
	name = strings.ReplaceAll(name, `\`, "/")
	name = path.Base(name)
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '!' {
			return '_'
		}
		return r
	}, name)
	if name == "." || name == "/" || name == "" {
		return "upload"
	}
	if r := []rune(name); len(r) > 120 {
		name = string(r[:120])
	}
	return name
}

// looksLikeWorkbook tells an .xlsx sent under a .zip name from a bundle:
// a workbook has [Content_Types].xml at its root.
func looksLikeWorkbook(data []byte) bool {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return false
	}
	for _, f := range zr.File {
		if f.Name == "[Content_Types].xml" {
			return true
		}
	}
	return false
}

// addBundle takes the workbooks and PNG images out of a .zip the user made
// of an order folder. Entry names are only labels and keys: nothing is
// written under them.
func (u *upload) addBundle(name string, data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fmt.Errorf("%s: not a readable .zip: %v", name, err)
	}
	if len(zr.File) > maxZipEntries {
		return fmt.Errorf("%s: more than %d entries", name, maxZipEntries)
	}
	var total int64
	found := 0
	for _, f := range zr.File {
		entry := path.Clean("/" + strings.ReplaceAll(f.Name, `\`, "/"))[1:]
		base := path.Base(entry)
		if f.FileInfo().IsDir() || strings.HasPrefix(base, ".") || strings.HasPrefix(base, "~$") || strings.HasPrefix(entry, "__MACOSX/") {
			continue
		}
		ext := strings.ToLower(path.Ext(base))
		if ext != ".xlsx" && ext != ".xlsm" && ext != ".csv" && ext != ".png" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return fmt.Errorf("%s: %s: %v", name, entry, err)
		}
		// The sizes in the zip's directory may lie: count what comes out.
		content, err := io.ReadAll(io.LimitReader(rc, maxBundleUnzipped-total+1))
		rc.Close()
		if err != nil {
			return fmt.Errorf("%s: %s: %v", name, entry, err)
		}
		total += int64(len(content))
		if total > maxBundleUnzipped {
			return fmt.Errorf("%s: unpacks to more than %d MB (zip bomb?)", name, maxBundleUnzipped>>20)
		}
		key := name + "/" + entry
		if ext == ".png" {
			u.images[key] = content
			continue
		}
		u.files = append(u.files, batch.Upload{Name: key, Data: content})
		found++
	}
	if found == 0 {
		return fmt.Errorf("%s: no .xlsx or .csv order file inside", name)
	}
	return nil
}

// images is where an order's logo and chop come from on this server: only
// PNG files uploaded with the workbook, never a path of the server.
type images struct {
	dir string // private temporary folder, made when first needed
}

// attach resolves each valid order's logo and chop against the uploaded
// images. An image that was not uploaded is an error at its cell: the
// server reads no path a workbook names. Found images are copied to a
// private temporary folder, for the renderer to read; close removes it.
func (im *images) attach(orders []*batch.Order, up *upload) error {
	for _, o := range orders {
		for _, f := range []struct {
			key string
			p   *string
		}{{"logo", &o.Logo}, {"chop", &o.Chop}} {
			if *f.p == "" {
				continue
			}
			key := filepath.ToSlash(filepath.Clean(*f.p))
			data, ok := up.images[key]
			if !ok {
				o.Problems = append(o.Problems, invoice.Errorf(o.At(f.key), invoice.ErrFile,
					"%s image %q is not in the upload: upload a .zip holding the workbook and its images, or leave %s empty (the server reads no image from its own disk)",
					f.key, *f.p, f.key))
				*f.p = ""
				continue
			}
			if im.dir == "" {
				dir, err := os.MkdirTemp("", "tradedocs-serve-")
				if err != nil {
					return err
				}
				im.dir = dir
			}
			tmp, err := os.CreateTemp(im.dir, f.key+"-*.png")
			if err != nil {
				return err
			}
			_, werr := tmp.Write(data)
			if err := tmp.Close(); werr == nil {
				werr = err
			}
			if werr != nil {
				return werr
			}
			*f.p = tmp.Name()
			o.PictureDir = im.dir
		}
	}
	return nil
}

// close removes the private folder and the images in it.
func (im *images) close() {
	if im.dir != "" {
		os.RemoveAll(im.dir)
	}
}
