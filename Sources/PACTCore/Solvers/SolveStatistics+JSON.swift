extension SolveStatistics {
  /// The statistics as JSON (`pact solve --json` carries them under "statistics").
  public func json() -> JSONValue {
    .object([
      (
        "passes",
        .array(
          passes.map { p in
            .object([
              ("lossBins", .number(Double(p.lossBins))), ("timeBins", .number(Double(p.timeBins))),
              ("bucketStates", .number(Double(p.bucketStates))), ("vertices", .number(Double(p.vertices))),
              ("edgesRelaxed", .number(Double(p.edgesRelaxed))), ("layers", .number(Double(p.layers))),
              ("seconds", .number(p.seconds)),
            ])
          })
      ),
      ("answerPass", answerPass.map { .number(Double($0 + 1)) } ?? .null),
      ("totalVertices", .number(Double(totalVertices))),
      ("totalEdgesRelaxed", .number(Double(totalEdgesRelaxed))),
      ("labels", .number(Double(labels))),
      ("candidateSets", .number(Double(candidateSets))),
      ("candidateSeconds", .number(candidateSeconds)),
      ("availabilityPatterns", .number(Double(availabilityPatterns))),
      ("reusedPatterns", .number(Double(reusedPatterns))),
      ("boundSeconds", .number(boundSeconds)),
      ("boundBuckets", .number(Double(boundBuckets))),
      ("boundFromProof", .bool(boundFromProof)),
      ("peakBytes", .number(Double(peakBytes))),
      ("lowerBoundJoules", lowerBoundJoules.map { $0.isFinite ? .number($0) : .string("infinity") } ?? .null),
      ("lowerBoundSeconds", .number(lowerBoundSeconds)),
      ("lowerBoundStates", .number(Double(lowerBoundStates))),
      ("stoppedBy", stoppedBy.map { .string($0.rawValue) } ?? .null),
    ])
  }
}
