{
  "targets": [
    {
      "target_name": "infobed_gemm",
      "sources": ["gemm.cc"],
      "cflags_cc": ["-O3", "-std=c++17", "-fopenmp", "-fno-math-errno"],
      "ldflags": ["-fopenmp"],
      "defines": ["NAPI_VERSION=8"]
    }
  ]
}
