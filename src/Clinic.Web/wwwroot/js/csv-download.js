// Saves text as a file in the browser (Components/Shared/CsvExportButton.razor): a Blob behind a
// temporary link, so nothing goes back to the server and the Content-Security-Policy needs no change.
export function download(fileName, contentType, text) {
    const url = URL.createObjectURL(new Blob(['\ufeff', text], { type: contentType }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.style.display = 'none';
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
}
