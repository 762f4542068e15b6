"""This machine's limit for one core: FLOP per cycle × clock, in float32 and float64, and how each was obtained.

  python3 benchmarks/machine_peak.py [--json] [--cpuinfo FILE]     prints the limit and its sources

FLOP per cycle is 2 (a fused multiply-add) × lanes per vector × FMA units per core, from the CPU's vendor, family and
flags in /proc/cpuinfo and what is published about that core. The clock is the highest the kernel reports
(cpufreq's maximum where it exists, else /proc/cpuinfo's "cpu MHz"); under a hypervisor only the nominal clock is
visible, so a core that boosts above it can show more than 100% of this limit.
"""
import json
import sys


def cpuinfo(path="/proc/cpuinfo"):
    fields = {}
    with open(path) as f:
        for line in f:
            if not line.strip():
                break  # the first processor is enough: the cores are alike
            key, _, value = line.partition(":")
            fields[key.strip()] = value.strip()
    return fields


def flop_per_cycle(info):
    """(float32 FLOP per cycle, float64 FLOP per cycle, why)."""
    vendor = info.get("vendor_id", "")
    family = int(info.get("cpu family", "0"))
    model = int(info.get("model", "0"))
    flags = set(info.get("flags", "").split())
    name = info.get("model name", "")
    if vendor == "AuthenticAMD" and family == 26:
        if "EPYC" in name or model < 0x20:
            return 64, 32, f"AMD family 26 model {model} (Zen 5 server core): two 512-bit FMA pipes"
        return 32, 16, f"AMD family 26 model {model} (Zen 5 client core): AVX-512 on two 256-bit FMA pipes"
    if vendor == "AuthenticAMD" and family == 25:
        return 32, 16, (f"AMD family 25 model {model} (Zen 3/4): two 256-bit FMA pipes"
                        + ("; AVX-512 runs as two 256-bit halves" if "avx512f" in flags else ""))
    if vendor == "AuthenticAMD" and family == 23:
        if model >= 0x30:
            return 32, 16, f"AMD family 23 model {model} (Zen 2): two 256-bit FMA pipes"
        return 16, 8, f"AMD family 23 model {model} (Zen 1): two 128-bit FMA pipes"
    if "avx512f" in flags:
        return 64, 32, f"{vendor} family {family} model {model} with avx512f: assumed two 512-bit FMA units"
    if "fma" in flags and "avx2" in flags:
        return 32, 16, f"{vendor} family {family} model {model} with avx2 and fma: assumed two 256-bit FMA units"
    if "avx" in flags:
        return 16, 8, f"{vendor} family {family} model {model} with avx, no fma: one 256-bit multiply and one add"
    return 8, 4, f"{vendor} family {family} model {model}: assumed one 128-bit multiply and one add"


def clock_hz(info, use_cpufreq=True):
    """(Hz, where it was read)."""
    try:
        if not use_cpufreq:
            raise OSError("cpufreq not asked for")
        with open("/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq") as f:
            return int(f.read()) * 1000, "cpufreq's cpuinfo_max_freq"
    except (OSError, ValueError):
        return float(info.get("cpu MHz", "0")) * 1e6, "/proc/cpuinfo's cpu MHz (nominal; boost is not visible here)"


def peak(cpuinfo_path=None):
    """The limit of one core of this machine, or of the machine whose /proc/cpuinfo is at cpuinfo_path."""
    info = cpuinfo(cpuinfo_path or "/proc/cpuinfo")
    f32, f64, why = flop_per_cycle(info)
    hz, clock_source = clock_hz(info, use_cpufreq=cpuinfo_path is None)
    return {"float32_gflops": f32 * hz / 1e9, "float64_gflops": f64 * hz / 1e9, "float32_flop_per_cycle": f32,
            "float64_flop_per_cycle": f64, "clock_mhz": hz / 1e6,
            "how": f"{f32} (float32) and {f64} (float64) FLOP per cycle: {why}; × {hz / 1e6:.0f} MHz from "
                   f"{clock_source}"}


if __name__ == "__main__":
    arguments = sys.argv[1:]
    p = peak(arguments[arguments.index("--cpuinfo") + 1] if "--cpuinfo" in arguments else None)
    if "--json" in arguments:
        print(json.dumps(p))
    else:
        print(f"one core's limit: {p['float32_gflops']:.1f} GFLOP/s in float32, {p['float64_gflops']:.1f} in float64 "
              f"({p['how']})")
