; NSIS script for the Socket Lab Windows installer (per-user, no admin).
; Built by `make package-windows` (packaging/build.sh) with makensis on Linux:
;
;   makensis -DVERSION=0.1.0 -DVIVERSION=0.1.0.1 -DAPP_ID=... -DHOMEPAGE=... \
;            -DEXE=path/to/socketlab.exe -DCLI_EXE=path/to/socketlab-cli.exe -DICON=path/to/socketlab.ico \
;            -DOUTFILE=dist/socketlab-0.1.0-setup.exe packaging/windows/installer.nsi
;
; Every value comes from FyneApp.toml through the Makefile; none is written here.

Unicode true
SetCompressor /SOLID lzma

!macro RequireDefine NAME
  !ifndef ${NAME}
    !error "${NAME} is not defined: build this through `make package-windows`"
  !endif
!macroend
!insertmacro RequireDefine VERSION
!insertmacro RequireDefine VIVERSION
!insertmacro RequireDefine APP_ID
!insertmacro RequireDefine EXE
!insertmacro RequireDefine CLI_EXE
!insertmacro RequireDefine ICON
!insertmacro RequireDefine OUTFILE
!ifndef HOMEPAGE
  !define HOMEPAGE ""
!endif

!define APP_NAME "Socket Lab"
!define APP_EXE "socketlab.exe"
; The same program marked console, for cmd.exe and PowerShell (docs/packaging.md).
!define CLI_EXE_NAME "socketlab-cli.exe"
; Add/Remove Programs entry, per user (HKCU), keyed by the app ID.
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"

Name "${APP_NAME}"
OutFile "${OUTFILE}"
; Per-user install: no UAC prompt, no admin rights needed.
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${APP_NAME}"
; Reinstalling or upgrading offers the folder used last time.
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
ShowInstDetails show
ShowUninstDetails show

VIProductVersion "${VIVERSION}"
VIFileVersion "${VIVERSION}"
VIAddVersionKey "ProductName" "${APP_NAME}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "${APP_NAME} ${VERSION} installer"
VIAddVersionKey "LegalCopyright" "${APP_NAME} developers"

!include "MUI2.nsh"
!include "FileFunc.nsh"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Start ${APP_NAME}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "English"

Function .onInit
  ; Shortcuts and $SMPROGRAMS for the current user only.
  SetShellVarContext current
FunctionEnd

Function un.onInit
  SetShellVarContext current
FunctionEnd

Section "Socket Lab" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  File "/oname=${APP_EXE}" "${EXE}"
  File "/oname=${CLI_EXE_NAME}" "${CLI_EXE}"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0

  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${APP_NAME} developers"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegStr HKCU "${UNINST_KEY}" "URLInfoAbout" "${HOMEPAGE}"
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "Uninstall"
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\${CLI_EXE_NAME}"
  Delete "$INSTDIR\uninstall.exe"
  ; Removes the folder only when empty: files the user put there stay.
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINST_KEY}"
SectionEnd
