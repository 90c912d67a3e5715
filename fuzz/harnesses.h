// The harness bodies (one file each under fuzz/harness/).
#pragma once
#include <cstddef>
#include <cstdint>

namespace og::fuzz {

void fuzz_dockerfile(const uint8_t* data, size_t size);
void fuzz_envfile(const uint8_t* data, size_t size);
void fuzz_compose_interpolation(const uint8_t* data, size_t size);
void fuzz_compose_document(const uint8_t* data, size_t size);
void fuzz_k8s_stream(const uint8_t* data, size_t size);
void fuzz_docker_run(const uint8_t* data, size_t size);
void fuzz_quantity_k8s(const uint8_t* data, size_t size);
void fuzz_quantity_docker(const uint8_t* data, size_t size);
void fuzz_quantity_go(const uint8_t* data, size_t size);
void fuzz_suppressions(const uint8_t* data, size_t size);
void fuzz_config(const uint8_t* data, size_t size);
void fuzz_update_baselines(const uint8_t* data, size_t size);
void fuzz_pipeline(const uint8_t* data, size_t size);
void fuzz_reporters(const uint8_t* data, size_t size);

}  // namespace og::fuzz
