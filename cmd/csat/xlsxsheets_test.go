package main

import (
	"archive/zip"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The sheet probe reads the sheets of a workbook, and declines (an
// error, the reader then judges) a zip whose directory would take more
// than maxProbeEntries entries into memory.
func TestXLSXSheets(t *testing.T) {
	got, err := xlsxSheets("../../io/sheet/testdata/values.xlsx")
	if err != nil || strings.Join(got, "|") != "Sheet1|说明" {
		t.Errorf("sheets %q, %v; want Sheet1|说明", got, err)
	}
	path := filepath.Join(t.TempDir(), "many.xlsx")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	z := zip.NewWriter(f)
	for i := range maxProbeEntries + 1 {
		if _, err := z.CreateHeader(&zip.FileHeader{Name: "x/" + strconv.Itoa(i), Method: zip.Store}); err != nil {
			t.Fatal(err)
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if n, err := zipEntries(path); err != nil || n != maxProbeEntries+1 {
		t.Errorf("zipEntries %d, %v; want %d", n, err, maxProbeEntries+1)
	}
	if got, err := xlsxSheets(path); err == nil || !strings.Contains(err.Error(), "not probed") {
		t.Errorf("xlsxSheets of %d entries: %q, %v; want it declined", maxProbeEntries+1, got, err)
	}
}
