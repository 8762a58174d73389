#!/usr/bin/python3
"""Rate-distortion anchors for photonzip's error-bounded mode, measured on the same stacks in one run.

JPEG-LS near-lossless (CharLS, NEAR = bound), SZ (absolute error bound) and ZFP (accuracy mode, max error
measured) through h5py + hdf5plugin, JPEG XL lossy (cjxl distances; no error bound, max error measured), and
photonzip (bin/photonzip bench --error-bounds/--noise-bounds). Writes results.csv and two plots next to this
file. Every codec's restored samples are compared with the source here (max error, RMSE, PSNR with peak 65535),
except photonzip's, which its bench checks pixel by pixel against each pixel's bound and reports the same way.
"""
import argparse, csv, os, subprocess, sys, tempfile, time
import numpy as np
import h5py, hdf5plugin, tifffile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PEAK = 65535.0


def stacks(data, k11_frames, psi_frames):
    k11 = os.path.join(data, 'k11-diad/k11-18014/k11-18014-imaging.h5')
    psi = os.path.join(data, 'psi-neutron-ct/stack.h5')
    savu = os.path.join(data, 'savu-i13/tiffs')
    return [
        dict(name='k11-diad', spec=f'{k11}:/entry/detector/detector@100:{100 + k11_frames}',
             load=lambda: h5py.File(k11, 'r')['/entry/detector/detector'][100:100 + k11_frames],
             bench=['--flats', f'{k11}:/entry/detector/detector@0:50', '--darks', f'{k11}:/entry/detector/detector@50:100']),
        dict(name='psi-neutron-ct', spec=f'{psi}:/entry/data/data@0:{psi_frames}',
             load=lambda: h5py.File(psi, 'r')['/entry/data/data'][0:psi_frames], bench=[]),
        dict(name='savu-i13', spec=savu,
             load=lambda: np.stack([tifffile.imread(os.path.join(savu, f)) for f in sorted(os.listdir(savu))
                                    if f.endswith('.tiff')]).astype(np.uint16), bench=[]),
    ]


def metrics(src, out):
    e = out.astype(np.int64) - src.astype(np.int64)
    mse = float(np.mean(e.astype(np.float64) ** 2))
    return int(np.abs(e).max()), mse ** 0.5, (float('inf') if mse == 0 else 20 * np.log10(PEAK / mse ** 0.5))


def charls(stack, near, tmp, exe):
    t, h, w = stack.shape
    src, dst = os.path.join(tmp, 'in.raw'), os.path.join(tmp, 'out.raw')
    stack.astype('<u2').tofile(src)
    size, enc, dec = subprocess.check_output([exe, str(near), str(w), str(h), str(t), src, dst]).split()
    return int(size), np.fromfile(dst, '<u2').reshape(stack.shape), float(enc), float(dec)


def h5filter(stack, filt, tmp, dtype):
    path = os.path.join(tmp, 'f.h5')
    data = stack.astype(dtype)
    t0 = time.perf_counter()
    with h5py.File(path, 'w') as f:
        ds = f.create_dataset('d', data=data, chunks=(1,) + stack.shape[1:], **filt)
        f.flush()
        size = ds.id.get_storage_size()
    t1 = time.perf_counter()
    with h5py.File(path, 'r') as f:
        back = f['d'][()]
    t2 = time.perf_counter()
    restored = np.clip(np.rint(back.astype(np.float64)), 0, 65535).astype(np.uint16)
    return size, restored, t1 - t0, t2 - t1


def jxl(stack, distance, tmp, frames):
    size, out, enc, dec = 0, [], 0.0, 0.0
    for i in range(min(frames, stack.shape[0])):
        pgm, jx, back = (os.path.join(tmp, n) for n in ('f.pgm', 'f.jxl', 'b.pgm'))
        h, w = stack.shape[1:]
        with open(pgm, 'wb') as f:
            f.write(b'P5\n%d %d\n65535\n' % (w, h))
            f.write(stack[i].astype('>u2').tobytes())
        t0 = time.perf_counter()
        subprocess.run(['cjxl', pgm, jx, '-d', str(distance), '-e', '7', '--quiet'], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        t1 = time.perf_counter()
        subprocess.run(['djxl', jx, back, '--quiet'], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        t2 = time.perf_counter()
        enc, dec = enc + t1 - t0, dec + t2 - t1
        size += os.path.getsize(jx)
        with open(back, 'rb') as f:
            raw = f.read()
        out.append(np.frombuffer(raw[len(raw) - 2 * h * w:], '>u2').reshape(h, w))
    return size, np.stack(out), enc, dec


def photonzip(s, bounds, noise, tmp):
    out = os.path.join(tmp, f"pz-{s['name']}.csv")
    if os.path.exists(out):
        os.remove(out)  # bench appends
    cmd = [os.path.join(ROOT, 'bin/photonzip'), 'bench', s['spec'], '--codecs', 'photonzip',
           '--error-bounds', ','.join(map(str, bounds)), '--noise-bounds', ','.join(map(str, noise)),
           '--csv', out] + s['bench']
    env = dict(os.environ, PHOTONZIP_SKIP_BUILD='1')
    print('  $', ' '.join(cmd), flush=True)
    log = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout
    print('\n'.join('    ' + l for l in log.splitlines()), flush=True)
    with open(out) as f:
        return list(csv.DictReader(f))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', default=os.environ.get('PHOTONZIP_DATA', '/work/shared/data'))
    ap.add_argument('--bounds', default='1,2,4,8,16,32,64')
    ap.add_argument('--noise-bounds', default='0.5,1,2')
    ap.add_argument('--k11-frames', type=int, default=1000)
    ap.add_argument('--psi-frames', type=int, default=120)
    ap.add_argument('--jxl-frames', type=int, default=12)
    ap.add_argument('--out', default=HERE)
    a = ap.parse_args()
    bounds = [int(b) for b in a.bounds.split(',')]
    noise = [float(k) for k in a.noise_bounds.split(',')]
    tmp = tempfile.mkdtemp(prefix='pz-anchors-')
    exe = os.path.join(tmp, 'charls_near')
    subprocess.run(['gcc', '-O2', '-o', exe, os.path.join(HERE, 'charls_near.c'), '-lcharls'], check=True)
    rows = []
    sz_ok = True

    def add(stack, codec, setting, size, samples, src, restored, enc, dec):
        mx, rmse, psnr = metrics(src, restored)
        mb = src.size * 2 / 1e6
        rows.append(dict(stack=stack, codec=codec, setting=setting, bpp=8.0 * size / samples, ratio=2.0 * samples / size,
                         max_error=mx, rmse=rmse, psnr_db=psnr, encode_mbps=mb / enc if enc else '',
                         decode_mbps=mb / dec if dec else ''))
        print(f'  {codec:10s} {setting:>8}  {8.0 * size / samples:7.3f} bpp  max {mx:6d}  PSNR {psnr:6.2f}', flush=True)

    for s in stacks(a.data, a.k11_frames, a.psi_frames):
        stack = np.ascontiguousarray(s['load']()).astype(np.uint16)
        print(f"{s['name']}: {stack.shape}", flush=True)
        n = stack.size
        for b in bounds:
            size, out, enc, dec = charls(stack, b, tmp, exe)
            add(s['name'], 'jpeg-ls', b, size, n, stack, out, enc, dec)
            if sz_ok:
                try:
                    size, out, enc, dec = h5filter(stack, dict(hdf5plugin.SZ(absolute=b)), tmp, np.float32)
                    add(s['name'], 'sz', b, size, n, stack, out, enc, dec)
                except (OSError, ValueError) as e:
                    sz_ok = False
                    print('  SZ unavailable:', e, flush=True)
        # ZFP's accuracy mode has no hard bound: sweep its tolerance and compare at the measured max error.
        for tol in sorted({b * m for b in bounds for m in (1, 2, 4)}):
            size, out, enc, dec = h5filter(stack, dict(hdf5plugin.Zfp(accuracy=tol)), tmp, np.float32)
            add(s['name'], 'zfp', tol, size, n, stack, out, enc, dec)
        sub = stack[:a.jxl_frames]
        for d in (0.05, 0.2, 0.5, 1.0, 2.0):
            size, out, enc, dec = jxl(sub, d, tmp, a.jxl_frames)
            add(s['name'], 'jpeg-xl', d, size, sub.size, sub, out, enc, dec)
        for r in photonzip(s, bounds, noise, tmp):
            codec = r['codec']
            if not codec.startswith('photonzip') or r['bpp'] == '':
                continue
            setting = codec[len('photonzip-'):] if '-' in codec else 'lossless'
            psnr = float(r['psnr_db']) if r['psnr_db'] else float('inf')
            rows.append(dict(stack=s['name'], codec='photonzip', setting=setting, bpp=float(r['bpp']),
                             ratio=float(r['ratio']), max_error=int(r['max_error']), rmse=float(r['rmse']),
                             psnr_db=psnr, encode_mbps=r['encode_mbps'], decode_mbps=r['decode_mbps']))
    path = os.path.join(a.out, 'results.csv')
    with open(path, 'w', newline='') as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)
    print('wrote', path)
    summary(rows, bounds, a.out)
    plot(rows, a.out)


def at_max_error(rows, stack, codec, target):
    """bits/pixel of a codec at max error `target`, log-log interpolated between its measured points."""
    pts = sorted((r['max_error'], r['bpp']) for r in rows if r['stack'] == stack and r['codec'] == codec
                 and r['max_error'] > 0)
    if not pts or target < pts[0][0] or target > pts[-1][0]:
        return None
    for (e0, b0), (e1, b1) in zip(pts, pts[1:]):
        if e0 <= target <= e1:
            if e1 == e0:
                return min(b0, b1)
            w = (np.log(target) - np.log(e0)) / (np.log(e1) - np.log(e0))
            return float(np.exp((1 - w) * np.log(b0) + w * np.log(b1)))
    return pts[-1][1] if pts[-1][0] == target else None


def summary(rows, bounds, out):
    """photonzip-eN against JPEG-LS NEAR=N, SZ absolute N, and ZFP interpolated to photonzip's max error."""
    lines = ['stack,bound,photonzip_bpp,photonzip_max_error,jpegls_bpp,sz_bpp,zfp_bpp,saving_vs_jpegls_pct,'
             'saving_vs_sz_pct,saving_vs_zfp_pct']
    for stack in sorted({r['stack'] for r in rows}):
        for b in bounds:
            pz = [r for r in rows if r['stack'] == stack and r['codec'] == 'photonzip' and r['setting'] == f'e{b}']
            if not pz:
                continue
            p = pz[0]
            def same(codec):
                m = [r for r in rows if r['stack'] == stack and r['codec'] == codec and r['setting'] == b]
                return m[0]['bpp'] if m else None
            jls, sz = same('jpeg-ls'), same('sz')
            zfp = at_max_error(rows, stack, 'zfp', max(p['max_error'], 1))
            pct = lambda o: '' if o is None else '%.1f' % (100 * (1 - p['bpp'] / o))
            fmt = lambda v: '' if v is None else '%.4f' % v
            lines.append(f"{stack},{b},{p['bpp']:.4f},{p['max_error']},{fmt(jls)},{fmt(sz)},{fmt(zfp)},"
                         f"{pct(jls)},{pct(sz)},{pct(zfp)}")
    path = os.path.join(out, 'summary.csv')
    with open(path, 'w') as f:
        f.write('\n'.join(lines) + '\n')
    print('\n'.join(lines))
    print('wrote', path)


def plot(rows, out):
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    names = sorted({r['stack'] for r in rows})
    for metric, label, fname in (('max_error', 'max |error| (counts, log)', 'rd-maxerror.png'),
                                 ('psnr_db', 'PSNR (dB, peak 65535)', 'rd-psnr.png')):
        fig, axes = plt.subplots(1, len(names), figsize=(5 * len(names), 4), squeeze=False)
        for ax, name in zip(axes[0], names):
            for codec, style in (('photonzip', 'o-'), ('jpeg-ls', 's--'), ('sz', '^--'), ('zfp', 'v--'),
                                 ('jpeg-xl', 'd:')):
                pts = [r for r in rows if r['stack'] == name and r['codec'] == codec and r['max_error'] > 0
                       and not str(r['setting']).startswith('k')]
                pts.sort(key=lambda r: r[metric])
                if pts:
                    ax.plot([r[metric] for r in pts], [r['bpp'] for r in pts], style, label=codec)
            k = [r for r in rows if r['stack'] == name and str(r['setting']).startswith('k')]
            if k:
                ax.plot([r[metric] for r in k], [r['bpp'] for r in k], 'r*', ms=10, label='photonzip K·σ')
            if metric == 'max_error':
                ax.set_xscale('log')
            ax.set_title(name)
            ax.set_xlabel(label)
            ax.set_ylabel('bits / pixel')
            ax.grid(alpha=0.3)
            ax.legend(fontsize=8)
        fig.tight_layout()
        fig.savefig(os.path.join(out, fname), dpi=110)
        print('wrote', os.path.join(out, fname))


if __name__ == '__main__':
    sys.exit(main())
