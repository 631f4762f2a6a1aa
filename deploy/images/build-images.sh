#!/usr/bin/env bash
# JVM container images of the five services, built without a Docker engine:
#   1. a base image (Debian bookworm + OpenJDK 17 JRE) made by debootstrap and packed as an image tarball;
#   2. Quarkus' Jib builds each service's layered image on it and pushes it to a registry
#      (Debian's docker-registry on 127.0.0.1:$CHAT_REGISTRY_PORT, default 5000, unless
#      CHAT_IMAGE_REGISTRY names another one);
#   3. .run/images/built records where they are, for ImageSystemTest to inspect and start them.
# Needs root for debootstrap and apt-get (both from Debian's packages). Takes a few minutes.
#   deploy/images/build-images.sh [base]   ("base": only make the base image tarball)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
WORK=$ROOT/.run/images
BASE=$WORK/base-jre17.tar
PORT=${CHAT_REGISTRY_PORT:-5000}
REGISTRY=${CHAT_IMAGE_REGISTRY:-127.0.0.1:$PORT}
TAG=${CHAT_IMAGE_TAG:-$(sed -n "s:^  <version>\(.*\)</version>:\1:p" pom.xml | head -1)}
mkdir -p "$WORK" "$ROOT/.run/pids" "$ROOT/.run/logs"

install_if_missing() { # command package
  command -v "$1" >/dev/null 2>&1 || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }
}

if [ ! -f "$BASE" ]; then
  install_if_missing debootstrap debootstrap
  rm -rf "$WORK/rootfs" "$WORK/base"
  debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm "$WORK/rootfs" http://deb.debian.org/debian
  rm -rf "$WORK/rootfs/var/cache/apt/archives/"*.deb "$WORK/rootfs/var/lib/apt/lists/"*
  mkdir -p "$WORK/base"
  tar -C "$WORK/rootfs" --numeric-owner -cf "$WORK/base/layer.tar" .
  diff_id=$(sha256sum "$WORK/base/layer.tar" | cut -d' ' -f1)
  java_home=$(dirname "$(dirname "$(readlink -f "$WORK/rootfs/usr/bin/java" | sed "s|^$WORK/rootfs||")")")
  cat > "$WORK/base/config.json" <<JSON
{"architecture":"amd64","os":"linux","config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=$java_home","LANG=C.UTF-8"]},"rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]}}
JSON
  echo '[{"Config":"config.json","RepoTags":["chat-engine/base-jre17:bookworm"],"Layers":["layer.tar"]}]' > "$WORK/base/manifest.json"
  tar -C "$WORK/base" -cf "$BASE" manifest.json config.json layer.tar
  rm -rf "$WORK/base"
fi

[ "${1:-}" = base ] && { echo "Base image: $BASE"; exit 0; }

if [ -z "${CHAT_IMAGE_REGISTRY:-}" ] && ! (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  install_if_missing docker-registry docker-registry
  cat > "$WORK/registry.yml" <<YAML
version: 0.1
storage: {filesystem: {rootdirectory: $WORK/registry}, delete: {enabled: true}}
http: {addr: 127.0.0.1:$PORT}
YAML
  setsid docker-registry serve "$WORK/registry.yml" > "$ROOT/.run/logs/registry.log" 2>&1 &
  echo $! > "$ROOT/.run/pids/registry.pid"
  sleep 1
fi

mvn -B -ntp -DskipTests package -pl chat-gateway,auth-service,message-service,media-service,presence-service -am \
  -Dquarkus.container-image.build=true -Dquarkus.container-image.push=true \
  -Dquarkus.container-image.registry="$REGISTRY" -Dquarkus.container-image.insecure=true \
  -Dquarkus.container-image.tag="$TAG" -Dquarkus.jib.base-jvm-image="tar://$BASE"
printf 'registry=%s\ntag=%s\n' "$REGISTRY" "$TAG" > "$WORK/built"
echo "Images pushed to $REGISTRY/chat-engine/<service>:$TAG"
