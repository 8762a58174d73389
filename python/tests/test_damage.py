"""A damaged archive raises photonzip.ArchiveError, naming what is wrong, and never returns values: bit flips and
truncations, files changed and re-stated in _SUCCESS by a careful forger, rows moved or dropped, names escaping the
archive, a newer format."""
import csv
import hashlib
import io
import json

import pytest

import photonzip
from conftest import GOLDEN


def restate(archive, *names, tiles=None):
    """Re-states the listed length and SHA-256 of ``names`` (and the tile count) in _SUCCESS."""
    m = json.loads((archive / '_SUCCESS').read_bytes())
    for e in m['files']:
        if e['name'] in names:
            data = (archive / e['name']).read_bytes()
            e['bytes'], e['sha256'] = len(data), hashlib.sha256(data).hexdigest()
    if tiles is not None:
        m['tiles'] = tiles
    (archive / '_SUCCESS').write_text(json.dumps(m))


def rewrite_rows(archive, change):
    text = (archive / 'manifest.csv').read_text()
    rows = list(csv.reader(io.StringIO(text)))
    body = change(rows[1:])
    out = io.StringIO()
    csv.writer(out, lineterminator='\n').writerows([rows[0]] + body)
    (archive / 'manifest.csv').write_text(out.getvalue())
    restate(archive, 'manifest.csv', tiles=len(body))


def flip(path, byte):
    b = bytearray(path.read_bytes())
    b[byte] ^= 0x10
    path.write_bytes(bytes(b))


@pytest.fixture
def archive(copy_of):
    return copy_of(GOLDEN / 'v2' / 'classical.pz')


def first_row(archive):
    return next(csv.DictReader(io.StringIO((archive / 'manifest.csv').read_text())))


def refused(archive, words, read=False):
    with pytest.raises(photonzip.ArchiveError) as e:
        a = photonzip.open(archive)
        if read:
            a[...]
    for w in words:
        assert w in str(e.value), str(e.value)


def test_a_flipped_pack_byte_fails_the_read(archive):
    r = first_row(archive)
    flip(archive / 'packs' / r['pack'], int(r['offset']) + 70)
    a = photonzip.open(archive)  # packs are read when their tiles are
    a[4:, 16:, 16:]  # tiles elsewhere still read
    refused(archive, ['crc32c', 'frame 0 row 0 column 0'], read=True)


def test_a_forged_pack_with_restated_hashes_fails_the_tile_checks(archive):
    r = first_row(archive)
    flip(archive / 'packs' / r['pack'], int(r['offset']) + 70)
    restate(archive, 'packs/' + r['pack'])
    rewrite_rows(archive, lambda rows: [row[:10] + [str(_crc(archive, row))] + row[11:] for row in rows])
    refused(archive, ['Invalid tile', 'stream byte'], read=True)


def _crc(archive, row):
    from photonzip import _lib
    data = (archive / 'packs' / row[7]).read_bytes()[int(row[8]):int(row[8]) + int(row[9])]
    return _lib.crc32c(data)


def test_a_truncated_pack_is_refused_at_open(archive):
    r = first_row(archive)
    p = archive / 'packs' / r['pack']
    p.write_bytes(p.read_bytes()[:-1])
    refused(archive, [r['pack'], 'bytes'])


@pytest.mark.parametrize('name', ['summary.json', 'manifest.csv', 'manifest.parquet', 'frames.csv'])
def test_a_changed_small_file_fails_its_hash(archive, name):
    flip(archive / name, 5)
    refused(archive, [name, 'sha256'])


def test_changed_metadata_fails_when_used(archive):
    flip(archive / 'metadata.h5', 2000)
    a = photonzip.open(archive)
    with pytest.raises(photonzip.ArchiveError, match='metadata.h5: field sha256'):
        a.attrs


def test_two_rows_exchanged_are_refused_by_the_streams_identity(archive):
    def swap(rows):
        rows[0][1:7], rows[1][1:7] = rows[1][1:7], rows[0][1:7]
        return rows
    rewrite_rows(archive, swap)
    refused(archive, ['Invalid tile'], read=True)


def test_a_dropped_row_leaves_a_hole(archive):
    rewrite_rows(archive, lambda rows: rows[1:])
    refused(archive, ['tiles.count'])  # summary.json still counts 8


def test_rows_beyond_the_pack_or_stack_are_refused(archive):
    rewrite_rows(archive, lambda rows: [rows[0][:8] + ['999999999'] + rows[0][9:]] + rows[1:])
    refused(archive, ['row 0', 'offset/length'])


def test_an_overlap_is_refused(archive, copy_of):
    rewrite_rows(archive, lambda rows: [rows[0][:5] + ['0'] + rows[0][6:]] + rows[1:]
                 if rows[0][5] != '0' else [rows[1][:5] + ['0'] + rows[1][6:]] + [rows[0]] + rows[2:])
    refused(archive, ['exactly once'])


@pytest.mark.parametrize('bad', ['../x', '/etc/passwd', 'packs/../../x', 'a/b', 's3a://x'])
def test_names_outside_the_archive_are_refused(archive, bad):
    m = json.loads((archive / '_SUCCESS').read_bytes())
    m['files'].append({'name': bad, 'bytes': 1, 'sha256': '0' * 64})
    (archive / '_SUCCESS').write_text(json.dumps(m))
    refused(archive, ['not a file of the archive'])


def test_no_commit_record_and_a_newer_format(archive):
    text = (archive / '_SUCCESS').read_text()
    (archive / '_SUCCESS').write_text(text.replace('"format_version" : 2', '"format_version" : 3'))
    refused(archive, ['Unsupported', 'version 3'])
    (archive / '_SUCCESS').unlink()
    refused(archive, ['no _SUCCESS'])


def test_unlisted_files_are_ignored(archive):
    (archive / 'stray.bin').write_bytes(b'x')
    assert photonzip.open(archive).shape == (8, 32, 32)
