#!/usr/bin/env bash
# `make packages`: hpcmaint_<version>_amd64.deb (dpkg-deb) and hpcmaint-<version>-1.x86_64.rpm
# (rpmbuild) from the Native AOT executables of `make publish` in DIST, written to OUT (default DIST).
# Both install the same files, root:root, from one staged tree:
#   /usr/sbin/                      hpcmaint, hpcmaint-health, hpcmaint-reboot (0755), the prolog wrapper
#   /etc/hpcmaint/hpcmaint.toml     the annotated config (0644), kept on upgrade once edited
#   /etc/logrotate.d/hpcmaint       rotation of the audit journal
#   /usr/lib/tmpfiles.d/hpcmaint.conf  /var/lib/hpcmaint and /var/log/hpcmaint (0750, root's)
#   /usr/share/doc/hpcmaint/        README, the slurm.conf lines and why, copyright
#   /usr/share/man/man8/            a page per program (from its --help)
#   /usr/lib/systemd/system/        packaging/systemd's units (hpcmaint.service: `hpcmaint service`, not enabled)
# The version is packaging/VERSION's, as in the executables.
set -euo pipefail
cd "$(dirname "$0")/.."
dist=$(realpath -m "${1:-dist}")
out=$(realpath -m "${2:-$dist}")
version=$(tr -d '[:space:]' <packaging/VERSION)
maintainer='hpcmaint maintainers <maintainers@users.noreply.b-seed-640f5d0a.example>'
executables=(hpcmaint hpcmaint-health hpcmaint-reboot)

missing=()
for tool in dpkg-deb rpmbuild help2man gzip; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if ((${#missing[@]})); then
  echo "make packages: ${missing[*]} not found: apt-get install dpkg-dev rpm help2man (tests/run-tests.sh installs them)" >&2
  exit 1
fi
for exe in "${executables[@]}"; do
  [[ -x $dist/$exe ]] || { echo "make packages: $dist/$exe is missing: run make publish first" >&2; exit 1; }
done
[[ $("$dist/hpcmaint" --version) == "$version"* ]] ||
  { echo "make packages: $dist/hpcmaint --version says $("$dist/hpcmaint" --version), packaging/VERSION says $version: run make publish" >&2; exit 1; }

# Dates in the packages (changelogs, man pages) are the last commit's, so a rebuild is the same.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
work=$(mktemp -d /tmp/hpcmaint-packages-XXXXXX)
trap 'rm -rf "$work"' EXIT
umask 022
stage=$work/stage
doc=$stage/usr/share/doc/hpcmaint
man=$stage/usr/share/man/man8

for exe in "${executables[@]}"; do
  install -D -m 0755 "$dist/$exe" "$stage/usr/sbin/$exe"
done
install -m 0755 slurm/hpcmaint-prolog-slurmctld "$stage/usr/sbin/hpcmaint-prolog-slurmctld"
install -D -m 0644 slurm/hpcmaint.toml "$stage/etc/hpcmaint/hpcmaint.toml"
install -D -m 0644 packaging/files/logrotate "$stage/etc/logrotate.d/hpcmaint"
install -D -m 0644 packaging/files/tmpfiles.conf "$stage/usr/lib/tmpfiles.d/hpcmaint.conf"
install -D -m 0644 README.md "$doc/README.md"
install -m 0644 slurm/README.md "$doc/README.slurm.md"
install -m 0644 slurm/slurm.conf.hpcmaint "$doc/slurm.conf.hpcmaint"
install -m 0644 packaging/files/copyright "$doc/copyright"
shopt -s nullglob
units=(packaging/systemd/*.service packaging/systemd/*.socket packaging/systemd/*.timer)
shopt -u nullglob
for unit in "${units[@]}"; do
  install -D -m 0644 "$unit" "$stage/usr/lib/systemd/system/$(basename "$unit")"
done

# Man pages from each program's --help; hpcmaint's also holds every subcommand's --help.
mkdir -p "$man"
"$dist/hpcmaint" --help | awk '/^Commands:/ {on = 1; next} on && NF {print $1}' >"$work/commands"
{
  echo "[COMMANDS IN DETAIL]"
  while read -r command; do
    echo ".SS hpcmaint $command"
    echo ".nf"
    "$dist/hpcmaint" "$command" --help | sed 's/\\/\\e/g; s/^\./\\\&./'
    echo ".fi"
  done <"$work/commands"
  printf '[FILES]\n/etc/hpcmaint/hpcmaint.toml, /var/log/hpcmaint/audit.jsonl, /var/lib/hpcmaint\n'
} >"$work/hpcmaint.h2m"
printf '[FILES]\n/etc/hpcmaint/hpcmaint.toml, /var/log/hpcmaint/audit.jsonl, /var/lib/hpcmaint\n' >"$work/files.h2m"
declare -A summary=(
  [hpcmaint]="Slurm-native node maintenance: status, audit, hold, breaker, rebuild, verify"
  [hpcmaint-health]="slurm.conf HealthCheckProgram for hpcmaint"
  [hpcmaint-reboot]="slurm.conf RebootProgram for hpcmaint"
)
for exe in "${executables[@]}"; do
  include=$work/files.h2m
  [[ $exe == hpcmaint ]] && include=$work/hpcmaint.h2m
  help2man --no-info --section 8 --source hpcmaint --version-string "$version" --name "${summary[$exe]}" \
    --include "$include" --output "$man/$exe.8" "$dist/$exe"
done
install -m 0644 packaging/man/hpcmaint-prolog-slurmctld.8 "$man/"
gzip -9n "$man"/*.8
find "$stage" -type f -newermt "@$SOURCE_DATE_EPOCH" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
mkdir -p "$out"

# ------------------------------------------------------------------------------------------ .deb
deb=$work/deb
cp -a "$stage" "$deb"
changelog_date=$(date -u -R -d "@$SOURCE_DATE_EPOCH")
printf 'hpcmaint (%s) unstable; urgency=medium\n\n  * Release %s.\n\n -- %s  %s\n' \
  "$version" "$version" "$maintainer" "$changelog_date" | gzip -9n >"$deb/usr/share/doc/hpcmaint/changelog.gz"
mkdir -p "$deb/DEBIAN"
glibc=$(for exe in "${executables[@]}"; do objdump -T "$dist/$exe" | grep -o 'GLIBC_[0-9.]*'; done | sed 's/GLIBC_//' | sort -uV | tail -1)
cat >"$deb/DEBIAN/control" <<CONTROL
Package: hpcmaint
Version: $version
Architecture: amd64
Maintainer: $maintainer
Installed-Size: $(du -sk --exclude=DEBIAN "$deb" | cut -f1)
Depends: libc6 (>= $glibc), coreutils (>= 8.31), util-linux (>= 2.31)
Recommends: logrotate, libssl3 | libssl3t64
Suggests: slurm-client
Section: admin
Priority: optional
Description: Slurm-native node maintenance and self-healing for GPU/HPC clusters
 Small executables that plug into Slurm's own hooks, so that Slurm itself
 sequences drains, reboots, image rebuilds and health checks:
 hpcmaint-health (HealthCheckProgram), hpcmaint-reboot (RebootProgram) and
 hpcmaint, the admin command (PrologSlurmctld through
 hpcmaint-prolog-slurmctld).
 .
 The configuration is /etc/hpcmaint/hpcmaint.toml; the slurm.conf lines are
 in /usr/share/doc/hpcmaint/slurm.conf.hpcmaint.
CONTROL
(cd "$deb" && find etc -type f | sed 's|^|/|' | sort) >"$deb/DEBIAN/conffiles"
(cd "$deb" && find . -path ./DEBIAN -prune -o -type f -print | sed 's|^\./||' | sort | xargs md5sum) >"$deb/DEBIAN/md5sums"
install -m 0755 packaging/deb/postinst packaging/deb/postrm "$deb/DEBIAN/"
# xz at level 2: 7 % larger than the default level 6, in a third of the time (make test builds it).
dpkg-deb --root-owner-group -Zxz -z2 --build "$deb" "$out/hpcmaint_${version}_amd64.deb" >/dev/null

# ------------------------------------------------------------------------------------------ .rpm
# %files from the staged tree: /etc files are %config(noreplace), the package's own directories
# %dir, and the tmpfiles.d directories %ghost (created by systemd-tmpfiles, never reset by rpm).
files=$work/rpm-files
{
  echo '%defattr(-,root,root,-)'
  for d in /etc/hpcmaint /usr/share/doc/hpcmaint; do echo "%dir $d"; done
  (cd "$stage" && find . -type f -o -type l | sed 's|^\.||' | sort) | while read -r f; do
    case $f in
      /etc/*) echo "%config(noreplace) $f" ;;
      *) echo "$f" ;;
    esac
  done
  awk '$1 == "d" {printf "%%ghost %%dir %%attr(%s,%s,%s) %s\n", $3, $4, $5, $2}' packaging/files/tmpfiles.conf
} >"$files"
rpmbuild -bb --quiet \
  --define "_topdir $work/rpmbuild" \
  --define "_rpmdir $out" \
  --define "_build_name_fmt %%{NAME}-%%{VERSION}-%%{RELEASE}.%%{ARCH}.rpm" \
  --define "hpcmaint_version $version" \
  --define "hpcmaint_stage $stage" \
  --define "hpcmaint_files $files" \
  --define "hpcmaint_changelog_date $(date -u -d "@$SOURCE_DATE_EPOCH" '+%a %b %d %Y')" \
  --define "use_source_date_epoch_as_buildtime 1" \
  --define "clamp_mtime_to_source_date_epoch 1" \
  --target x86_64-linux \
  packaging/rpm/hpcmaint.spec >"$work/rpmbuild.log" 2>&1 || { cat "$work/rpmbuild.log" >&2; exit 1; }

ls -l "$out/hpcmaint_${version}_amd64.deb" "$out/hpcmaint-${version}-1.x86_64.rpm"
