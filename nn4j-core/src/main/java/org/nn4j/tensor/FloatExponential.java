package org.nn4j.tensor;

/**
 * {@code e^x} in float32 from additions, multiplications and fused multiply-adds only, so that a vector kernel
 * doing the same operations lane by lane gives the same bits as this scalar reference (which {@link Math#exp}, a
 * float64 function with its own intrinsic, would not).
 *
 * <p>The algorithm: x is clamped to [{@link #LOWEST}, {@link #HIGHEST}], outside which the result is 0 or +∞ in
 * float32 anyway. Then {@code x = n·ln 2 + r} with n the integer nearest to {@code x·log₂e} (found by adding
 * 1.5·2²³, which leaves n in the low bits of the sum) and {@code |r| ≤ ln 2 / 2} (ln 2 in two parts, each product
 * taken by a fused multiply-add). {@code e^r} is its Taylor series to the seventh power in Horner's form, whose
 * truncation error (under 6·10⁻⁹) is below a tenth of a float32 ulp. Last, the result is scaled by 2ⁿ as two
 * factors 2^⌊n/2⌋ and 2^(n − ⌊n/2⌋), each a normal float built from its exponent bits, so that results down to the
 * smallest subnormal round once, correctly scaled. NaN stays NaN. Against {@code Math.exp} rounded to float32 the
 * result is within one ulp for every float in [−110, 90], and the same for 99.5% of them ({@code
 * FloatExponentialTest}).
 */
final class FloatExponential {

    /** Below this, e^x is under half the smallest subnormal float: 0. */
    static final float LOWEST = -104f;
    /** Above this, e^x is past the largest float: +∞. */
    static final float HIGHEST = 89f;
    static final float LOG2_E = 1.44269502f;
    /**
     * ln 2 = LN2_HIGH + LN2_LOW to about twice float32's precision. {@code x − n·LN2_HIGH} in one fused multiply-add
     * is exact for every n here: its bits run from 2⁻² (|r| < 0.35) down to 2⁻²⁴ (LN2_HIGH's last bit), 23 of them.
     */
    static final float LN2_HIGH = 0.693147182f;
    static final float LN2_LOW = -1.90465421e-9f;
    /** 1.5·2²³: adding it to a float of magnitude below 2²² rounds it to an integer held in the low bits. */
    static final float ROUNDER = 12582912f;
    static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
    /** 1/7!, 1/6!, …, 1/2!: the Taylor coefficients, highest power first (1/1! and 1/0! are the last two steps). */
    static final float C7 = 1f / 5040f;
    static final float C6 = 1f / 720f;
    static final float C5 = 1f / 120f;
    static final float C4 = 1f / 24f;
    static final float C3 = 1f / 6f;
    static final float C2 = 0.5f;

    private FloatExponential() {
    }

    static float exp(float x) {
        float clamped = Math.min(Math.max(x, LOWEST), HIGHEST);
        float shifted = Math.fma(clamped, LOG2_E, ROUNDER);
        float n = shifted - ROUNDER;
        float r = Math.fma(-n, LN2_HIGH, clamped);
        r = Math.fma(-n, LN2_LOW, r);
        float p = Math.fma(C7, r, C6);
        p = Math.fma(p, r, C5);
        p = Math.fma(p, r, C4);
        p = Math.fma(p, r, C3);
        p = Math.fma(p, r, C2);
        p = Math.fma(p, r, 1f);
        p = Math.fma(p, r, 1f);
        int exponent = Float.floatToRawIntBits(shifted) - ROUNDER_BITS;
        int half = exponent >> 1;
        return p * Float.intBitsToFloat((half + 127) << 23) * Float.intBitsToFloat((exponent - half + 127) << 23);
    }
}
