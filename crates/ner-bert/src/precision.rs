//! The floating-point type the transformer runs in, and which one is faster on this CPU.

/// The floating-point type the model runs in. Probabilities are always computed in float32 from
/// the logits.
///
/// Measured with `models/ner-bert` on CoNLL-2003 dev (docs/EVALUATION.md): bfloat16 finds the
/// same entities as float32 (F1 88.3 against 88.2) and, on a CPU with AMX, runs 1.4× faster one
/// sentence at a time and 2.3–2.8× faster in batches of 32. Without AMX, libtorch's bfloat16 kernels are
/// slower than float32; [`Precision::detect`] picks accordingly.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Precision {
    /// float32 weights and activations: the reference.
    #[default]
    Float32,
    /// bfloat16 weights and activations (8 significant bits, float32's range). Fast where
    /// libtorch's oneDNN runs the matrix products on AMX tiles (Intel Xeon from the 4th
    /// generation, "Sapphire Rapids"); slower than float32 elsewhere.
    BFloat16,
}

impl Precision {
    /// The name used on the command line: `f32` or `bf16`.
    pub fn name(self) -> &'static str {
        match self {
            Precision::Float32 => "f32",
            Precision::BFloat16 => "bf16",
        }
    }

    /// The faster precision on this CPU: [`Precision::BFloat16`] when it has AMX bfloat16
    /// tiles (the `amx_bf16` flag of Linux's `/proc/cpuinfo`), otherwise [`Precision::Float32`].
    /// AVX-512 BF16 alone is not enough: there bfloat16 ran slower than float32.
    pub fn detect() -> Precision {
        // `is_x86_feature_detected!("amx-bf16")` is still unstable (Rust 1.95), so ask Linux.
        let amx = cfg!(all(target_arch = "x86_64", target_os = "linux"))
            && std::fs::read_to_string("/proc/cpuinfo").is_ok_and(|s| has_amx_bf16(&s));
        if amx {
            Precision::BFloat16
        } else {
            Precision::Float32
        }
    }
}

/// Whether a `/proc/cpuinfo` text lists the `amx_bf16` flag (on its first processor).
fn has_amx_bf16(cpuinfo: &str) -> bool {
    cpuinfo
        .lines()
        .find(|l| l.starts_with("flags"))
        .and_then(|l| l.split_once(':'))
        .is_some_and(|(_, flags)| flags.split_whitespace().any(|f| f == "amx_bf16"))
}

impl std::fmt::Display for Precision {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Precision {
    type Err = String;

    /// `f32`/`float32` or `bf16`/`bfloat16`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "f32" | "float32" => Ok(Precision::Float32),
            "bf16" | "bfloat16" => Ok(Precision::BFloat16),
            _ => Err(format!("unknown precision {s:?} (expected f32 or bf16)")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for p in [Precision::Float32, Precision::BFloat16] {
            assert_eq!(p.name().parse::<Precision>(), Ok(p));
            assert_eq!(p.to_string(), p.name());
        }
        assert_eq!("bfloat16".parse::<Precision>(), Ok(Precision::BFloat16));
        let err = "fp16".parse::<Precision>().unwrap_err();
        assert!(err.contains("f32 or bf16"), "{err}");
        assert_eq!(Precision::default(), Precision::Float32);
    }

    #[test]
    fn amx_is_read_from_the_flags_line() {
        let spr = "processor\t: 0\nvendor_id\t: GenuineIntel\nflags\t\t: fpu avx512f avx512_bf16 \
                   amx_bf16 avx512_fp16 amx_tile amx_int8\nbugs\t\t: spectre_v1\n";
        assert!(has_amx_bf16(spr));
        let zen4 = "processor\t: 0\nflags\t\t: fpu avx512f avx512_bf16\n";
        assert!(!has_amx_bf16(zen4));
        // A flag must match whole, and only the flags line counts.
        assert!(!has_amx_bf16(
            "flags\t\t: amx_bf16x\nmodel name\t: amx_bf16\n"
        ));
        assert!(!has_amx_bf16(""));
    }
}
