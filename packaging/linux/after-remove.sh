#!/bin/bash
# After the .deb is removed: the links after-install.sh made, and the AppArmor profile.

rm -f '/usr/bin/${executable}'
for tool in latch git-credential-latch; do
    # Only Latch's own links: a file of that name that is something else is left alone.
    case "$(readlink "/usr/bin/$tool")" in
        '/opt/${sanitizedProductName}/resources/bin/'*) rm -f "/usr/bin/$tool" ;;
    esac
done

APPARMOR_PROFILE_DEST='/etc/apparmor.d/${executable}'
if [ -f "$APPARMOR_PROFILE_DEST" ]; then
  if apparmor_status --enabled > /dev/null 2>&1; then
    if ! { [ -x '/usr/bin/ischroot' ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
      apparmor_parser --remove "$APPARMOR_PROFILE_DEST" || true
    fi
  fi
  rm -f "$APPARMOR_PROFILE_DEST"
fi
