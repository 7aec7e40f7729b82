{
  "targets": [
    {
      "target_name": "infobed_gemm",
      "sources": ["gemm.cc", "sgemm.cc", "micro512.cc", "dense.cc", "infonce.cc", "adam.cc", "colsum.cc", "equal.cc"],
      "cflags_cc": ["-pthread", "-O3", "-std=c++17", "-fno-math-errno", "-ffp-contract=off"],
      "ldflags": ["-pthread"],
      "defines": ["NAPI_VERSION=8"]
    }
  ]
}
