{
  "targets": [
    {
      "target_name": "infobed_gemm",
      "sources": ["gemm.cc", "adam.cc", "colsum.cc", "equal.cc"],
      "cflags_cc": ["-O3", "-std=c++17", "-fopenmp", "-fno-math-errno", "-ffp-contract=off"],
      "ldflags": ["-fopenmp"],
      "defines": ["NAPI_VERSION=8"]
    }
  ]
}
