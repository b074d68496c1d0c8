/// The registry of baseline policies that `pact compare` runs beside PACT.
public enum Baselines {
  /// Every baseline, in table order; `seed` drives ``RandomSelection``.
  public static func all(seed: UInt64 = 1) -> [any BaselinePolicy] {
    [TrainThenPrune(), PruneFirst(), FedCSSelection(), PruneFLAdaptive(), OortSelection(), RandomSelection(seed: seed)]
  }

  /// The baseline called `name`, if any.
  public static func named(_ name: String, seed: UInt64 = 1) -> (any BaselinePolicy)? {
    all(seed: seed).first { $0.name == name }
  }
}
