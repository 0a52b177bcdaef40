package skills

import (
	"bytes"
	"encoding/csv"
	"testing"
)

func benchmarkReadCSV(b *testing.B, n, k int) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, Synthetic(n, k, 1, SyntheticOptions{})); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := ReadCSV(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadCSV1000x50(b *testing.B)   { benchmarkReadCSV(b, 1000, 50) }
func BenchmarkReadCSV10000x200(b *testing.B) { benchmarkReadCSV(b, 10000, 200) }
func BenchmarkSynthetic100000x200(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Synthetic(100000, 200, 1, SyntheticOptions{})
	}
}

func BenchmarkReadJSON10000x200(b *testing.B) {
	var buf bytes.Buffer
	if err := WriteJSON(&buf, Synthetic(10000, 200, 1, SyntheticOptions{})); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := ReadJSON(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadXLSX10000x200(b *testing.B) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, Synthetic(10000, 200, 1, SyntheticOptions{})); err != nil {
		b.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		b.Fatal(err)
	}
	data := xlsxBytes(b, "Sheet1", rows)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := ReadXLSX(bytes.NewReader(data), ReadOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
