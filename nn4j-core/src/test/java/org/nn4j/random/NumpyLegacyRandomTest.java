package org.nn4j.random;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumpyLegacyRandomTest {

    @Test
    void drawsTheSameNumbersAsNumpysRandomState() {
        // numpy.random.RandomState(42).random_sample(3) and RandomState(42).randn(3), printed with repr().
        RandomSource uniform = RandomSource.numpyLegacy(42);
        assertThat(uniform.nextDouble()).isEqualTo(0.3745401188473625);
        assertThat(uniform.nextDouble()).isEqualTo(0.9507143064099162);
        assertThat(uniform.nextDouble()).isEqualTo(0.7319939418114051);
        RandomSource normal = RandomSource.numpyLegacy(42);
        assertThat(normal.nextGaussian()).isEqualTo(0.4967141530112327);
        assertThat(normal.nextGaussian()).isEqualTo(-0.13826430117118466);
        assertThat(normal.nextGaussian()).isEqualTo(0.6476885381006925);
    }

    @Test
    void theDefaultGeneratorRepeatsForTheSameSeed() {
        RandomSource first = RandomSource.seeded(7);
        RandomSource second = RandomSource.seeded(7);
        for (int i = 0; i < 100; i++) {
            assertThat(first.nextGaussian()).isEqualTo(second.nextGaussian());
        }
    }
}
